/** Tags on every taggable ECS resource: the ECS tag rules, storage, Tag/Untag/ListTags. */
package io.kecs.ecs.tag;
