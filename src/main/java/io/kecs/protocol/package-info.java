/**
 * AWS wire protocols: the generic awsJson 1.1 codec driven by the SDK model classes, operation
 * tables per service, and the error answer format. Knows nothing of ECS semantics.
 */
package io.kecs.protocol;
