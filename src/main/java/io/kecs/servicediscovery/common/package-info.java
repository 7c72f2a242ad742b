/** What every Cloud Map aggregate shares: ids and ARNs, paging, list filters, input checks. */
package io.kecs.servicediscovery.common;
