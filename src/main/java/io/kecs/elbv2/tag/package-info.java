/** Tags of every ELBv2 resource: AddTags, RemoveTags, DescribeTags, and tags given at creation. */
package io.kecs.elbv2.tag;
