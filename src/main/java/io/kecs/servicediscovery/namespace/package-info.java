/** Cloud Map namespaces: HTTP, private DNS and public DNS; creation, updates, deletion. */
package io.kecs.servicediscovery.namespace;
