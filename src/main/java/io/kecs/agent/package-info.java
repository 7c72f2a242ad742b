/**
 * What the ECS container agent answers to code inside a task, served for every task of every
 * runtime: the task metadata endpoint (v4, and v3 with the same data), task-role and execution-role
 * credentials, and the environment variables that point a container at them. The values come from
 * the stored task ({@link io.kecs.ecs.task.TaskDirectory}); nothing here keeps task state of its
 * own beyond a cache of issued credentials.
 */
package io.kecs.agent;
