/**
 * Cloud Map's asynchronous operations: every namespace, service-update and instance change returns
 * an operation id that moves SUBMITTED, PENDING, SUCCESS (GetOperation, ListOperations).
 */
package io.kecs.servicediscovery.operation;
