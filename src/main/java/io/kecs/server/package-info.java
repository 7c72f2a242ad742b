/** Assembles KECS: configuration, store, ECS services and the HTTP listeners, start and stop. */
package io.kecs.server;
