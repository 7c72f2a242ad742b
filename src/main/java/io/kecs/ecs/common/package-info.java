/** Rules shared by every ECS aggregate: paging, names and ARNs, common validation. */
package io.kecs.ecs.common;
