/** Cloud Map's modeled errors, one exception class per AWS error code. */
package io.kecs.servicediscovery.error;
