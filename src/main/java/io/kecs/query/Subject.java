package io.kecs.query;

import static io.kecs.query.Operator.EQUALS;
import static io.kecs.query.Operator.EXISTS;
import static io.kecs.query.Operator.GREATER_THAN;
import static io.kecs.query.Operator.GREATER_THAN_EQUAL;
import static io.kecs.query.Operator.IN;
import static io.kecs.query.Operator.LESS_THAN;
import static io.kecs.query.Operator.LESS_THAN_EQUAL;
import static io.kecs.query.Operator.MATCHES;
import static io.kecs.query.Operator.NOT_EQUALS;
import static io.kecs.query.Operator.NOT_EXISTS;
import static io.kecs.query.Operator.NOT_IN;
import static io.kecs.query.Operator.NOT_MATCHES;

import java.util.EnumSet;
import java.util.Set;

/**
 * The subjects an expression can test, with the operators the ECS guide lists as valid for each.
 * The guide gives no list for {@code attribute:}; KECS allows every operator there (ordering
 * compares numerically when both sides are numbers, else as text), since custom attributes such as
 * {@code attribute:disk-gb > 100} are a natural use.
 */
enum Subject {
  AGENT_CONNECTED(
      "agentConnected", EnumSet.of(EQUALS, NOT_EQUALS, IN, NOT_IN, MATCHES, NOT_MATCHES)),
  AGENT_VERSION(
      "agentVersion",
      EnumSet.of(EQUALS, NOT_EQUALS, GREATER_THAN, GREATER_THAN_EQUAL, LESS_THAN, LESS_THAN_EQUAL)),
  ATTRIBUTE("attribute:", EnumSet.allOf(Operator.class)),
  EC2_INSTANCE_ID(
      "ec2InstanceId", EnumSet.of(EQUALS, NOT_EQUALS, IN, NOT_IN, MATCHES, NOT_MATCHES)),
  REGISTERED_AT(
      "registeredAt",
      EnumSet.of(EQUALS, NOT_EQUALS, GREATER_THAN, GREATER_THAN_EQUAL, LESS_THAN, LESS_THAN_EQUAL)),
  RUNNING_TASKS_COUNT(
      "runningTasksCount",
      EnumSet.of(EQUALS, NOT_EQUALS, GREATER_THAN, GREATER_THAN_EQUAL, LESS_THAN, LESS_THAN_EQUAL)),
  TASK_GROUP(
      "task:group",
      EnumSet.of(EQUALS, NOT_EQUALS, IN, NOT_IN, MATCHES, NOT_MATCHES, EXISTS, NOT_EXISTS));

  final String spelling;
  final Set<Operator> operators;

  Subject(String spelling, Set<Operator> operators) {
    this.spelling = spelling;
    this.operators = operators;
  }
}
