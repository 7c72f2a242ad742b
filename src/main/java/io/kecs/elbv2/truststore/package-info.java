/**
 * Trust stores for mutual TLS: CA bundles and certificate revocation lists read from S3 through the
 * AWS backend (KECS serves no S3 itself), counted and checked as ELBv2 does, and their associations
 * with listeners.
 */
package io.kecs.elbv2.truststore;
