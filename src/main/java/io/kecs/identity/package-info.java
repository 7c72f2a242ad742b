/** Who a request acts for (account, region from SigV4) and the one ARN type. */
package io.kecs.identity;
