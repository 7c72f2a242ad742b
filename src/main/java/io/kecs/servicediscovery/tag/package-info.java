/** Tags of Cloud Map namespaces and services (TagResource, UntagResource, ListTagsForResource). */
package io.kecs.servicediscovery.tag;
