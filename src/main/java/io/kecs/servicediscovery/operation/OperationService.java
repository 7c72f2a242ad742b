package io.kecs.servicediscovery.operation;

import io.kecs.clock.Scheduler;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.servicediscovery.common.CloudMapIds;
import io.kecs.servicediscovery.common.ListFilter;
import io.kecs.servicediscovery.common.Pages;
import io.kecs.servicediscovery.error.InvalidInput;
import io.kecs.servicediscovery.error.OperationNotFound;
import io.kecs.store.RecordTable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.servicediscovery.model.GetOperationRequest;
import software.amazon.awssdk.services.servicediscovery.model.GetOperationResponse;
import software.amazon.awssdk.services.servicediscovery.model.ListOperationsRequest;
import software.amazon.awssdk.services.servicediscovery.model.ListOperationsResponse;
import software.amazon.awssdk.services.servicediscovery.model.Operation;
import software.amazon.awssdk.services.servicediscovery.model.OperationFilter;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.OperationSummary;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;

/**
 * Records the operations of every change. The change itself is applied when it is submitted (so a
 * client that reads right away already sees it); the operation's status follows the time since
 * then, as AWS's does: SUBMITTED, then PENDING after {@link #PENDING_AFTER}, SUCCESS after {@link
 * #SUCCESS_AFTER}. Deriving it from the stored creation time keeps it right across restarts.
 */
public final class OperationService {
  static final Duration PENDING_AFTER = Duration.ofMillis(100);
  static final Duration SUCCESS_AFTER = Duration.ofMillis(250);

  private final RecordTable<Operation> table;
  private final Scheduler clock;

  public OperationService(RecordTable<Operation> table, Scheduler clock) {
    this.table = table;
    this.clock = clock;
  }

  /** Records a submitted operation on {@code targets} (NAMESPACE / SERVICE / INSTANCE ids). */
  public String submit(Scope scope, OperationType type, Map<String, String> targets) {
    String id = CloudMapIds.operationId();
    Instant now = clock.now();
    table.put(
        key(scope, id),
        Operation.builder()
            .id(id)
            .ownerAccount(scope.account())
            .type(type)
            .status(OperationStatus.SUBMITTED)
            .createDate(now)
            .updateDate(now)
            .targetsWithStrings(targets)
            .build());
    return id;
  }

  /** The latest operation of {@code type} on a target, e.g. to answer an idempotent retry. */
  public java.util.Optional<String> latest(Scope scope, OperationType type, String target) {
    return table.range(prefix(scope)).values().stream()
        .filter(o -> o.type() == type && o.targetsAsStrings().containsValue(target))
        .max(java.util.Comparator.comparing(Operation::createDate))
        .map(Operation::id);
  }

  public void bind(AwsJsonService service) {
    service.add("GetOperation", GetOperationRequest.class, this::getOperation);
    service.add("ListOperations", ListOperationsRequest.class, this::listOperations);
  }

  GetOperationResponse getOperation(RequestContext ctx, GetOperationRequest request) {
    Operation op =
        table
            .get(key(ctx.scope(), request.operationId()))
            .filter(
                o -> request.ownerAccount() == null || request.ownerAccount().equals(ctx.account()))
            .orElseThrow(
                () -> new OperationNotFound("No operation found with ID " + request.operationId()));
    return GetOperationResponse.builder().operation(view(op)).build();
  }

  ListOperationsResponse listOperations(RequestContext ctx, ListOperationsRequest request) {
    Predicate<Operation> filter = o -> true;
    for (OperationFilter f : request.filters()) {
      filter = filter.and(predicate(f));
    }
    Predicate<Operation> accepted = filter;
    int limit = Pages.limit(request.maxResults(), 100, 100);
    Pages.Page<OperationSummary> page =
        Pages.page(
            "operations",
            table.range(prefix(ctx.scope())),
            o -> accepted.test(view(o)),
            o -> {
              Operation v = view(o);
              return OperationSummary.builder().id(v.id()).status(v.status()).build();
            },
            limit,
            request.nextToken());
    return ListOperationsResponse.builder()
        .operations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private Predicate<Operation> predicate(OperationFilter f) {
    String name = f.nameAsString();
    return switch (name) {
      case "NAMESPACE_ID" -> target(check(f, Set.of("EQ")), "NAMESPACE");
      case "SERVICE_ID" -> target(check(f, Set.of("EQ")), "SERVICE");
      case "STATUS" -> {
        ListFilter lf = check(f, Set.of("EQ", "IN"));
        yield o -> lf.matches(o.statusAsString());
      }
      case "TYPE" -> {
        ListFilter lf = check(f, Set.of("EQ", "IN"));
        yield o -> lf.matches(o.typeAsString());
      }
      case "UPDATE_DATE" -> {
        ListFilter lf = check(f, Set.of("BETWEEN"));
        Instant from = epoch(lf.values().get(0));
        Instant to = epoch(lf.values().get(1));
        yield o -> !o.updateDate().isBefore(from) && !o.updateDate().isAfter(to);
      }
      default -> throw new InvalidInput("Unknown filter name " + name + ".");
    };
  }

  private static ListFilter check(OperationFilter f, Set<String> conditions) {
    return new ListFilter(f.nameAsString(), f.values(), f.conditionAsString()).check(conditions);
  }

  private static Predicate<Operation> target(ListFilter lf, String targetType) {
    return o -> lf.matches(o.targetsAsStrings().get(targetType));
  }

  private static Instant epoch(String value) {
    try {
      return Instant.ofEpochMilli(new java.math.BigDecimal(value).movePointRight(3).longValue());
    } catch (NumberFormatException e) {
      throw new InvalidInput("UPDATE_DATE values must be timestamps in epoch seconds: " + value);
    }
  }

  /** The operation as it stands now: its status and update date follow the time since submit. */
  Operation view(Operation stored) {
    Duration age = Duration.between(stored.createDate(), clock.now());
    OperationStatus status;
    Instant updated;
    if (age.compareTo(SUCCESS_AFTER) >= 0) {
      status = OperationStatus.SUCCESS;
      updated = stored.createDate().plus(SUCCESS_AFTER);
    } else if (age.compareTo(PENDING_AFTER) >= 0) {
      status = OperationStatus.PENDING;
      updated = stored.createDate().plus(PENDING_AFTER);
    } else {
      status = OperationStatus.SUBMITTED;
      updated = stored.createDate();
    }
    return stored.toBuilder().status(status).updateDate(updated).build();
  }

  private static String key(Scope scope, String id) {
    return prefix(scope) + id;
  }

  private static String prefix(Scope scope) {
    return CloudMapIds.arn(scope, "operation", "").toString();
  }
}
