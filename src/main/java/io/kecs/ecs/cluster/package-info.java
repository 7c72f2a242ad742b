/** ECS clusters: create, describe, list, update, settings, capacity providers, delete. */
package io.kecs.ecs.cluster;
