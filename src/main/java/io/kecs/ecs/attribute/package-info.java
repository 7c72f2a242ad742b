/**
 * ECS attributes: PutAttributes, DeleteAttributes and ListAttributes, and the rules for attribute
 * names, values and limits. Attributes are stored with their target (today only container
 * instances, through {@link io.kecs.ecs.attribute.AttributeTargets}), so DescribeContainerInstances
 * and cluster query filters see them.
 */
package io.kecs.ecs.attribute;
