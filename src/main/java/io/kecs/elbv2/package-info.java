/**
 * Elastic Load Balancing v2 as a KECS module (awsQuery, API version 2015-12-01): one sub-package
 * per aggregate, state in the store per account and region.
 */
package io.kecs.elbv2;
