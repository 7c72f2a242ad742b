/** Account-wide ELBv2 facts: the limits KECS enforces and the TLS security policies it knows. */
package io.kecs.elbv2.account;
