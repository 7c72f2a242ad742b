/** Cloud Map services: DNS configuration, health check settings, and service attributes. */
package io.kecs.servicediscovery.service;
