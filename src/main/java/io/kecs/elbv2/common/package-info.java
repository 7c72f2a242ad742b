/**
 * What every ELBv2 aggregate shares: the tables of the module, ARNs and DNS names in ELBv2's
 * formats, Marker pagination, the account limits KECS enforces, name rules.
 */
package io.kecs.elbv2.common;
