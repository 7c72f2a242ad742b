package io.kecs.ecs.setting;

import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.identity.Arn;
import io.kecs.protocol.RequestContext;

/**
 * The principals account settings are kept for: the account's root user, and its IAM users and
 * roles. Federated and assumed-role sessions follow the root user and cannot have settings.
 */
final class Principals {
  private Principals() {}

  static Arn root(String account) {
    return new Arn(Arn.PARTITION, "iam", "", account, "root");
  }

  static boolean isRoot(Arn principal) {
    return principal.resource().equals("root");
  }

  /** The principal a request names; absent means the caller (KECS: the account's root user). */
  static Arn resolve(RequestContext ctx, String principalArn) {
    if (principalArn == null) {
      return root(ctx.account());
    }
    Arn arn =
        Arn.parse(principalArn)
            .filter(a -> a.service().equals("iam") && a.region().isEmpty())
            .filter(
                a ->
                    a.resource().equals("root")
                        || a.resource().startsWith("user/")
                        || a.resource().startsWith("role/"))
            .orElseThrow(
                () ->
                    new InvalidParameterException(
                        "Invalid principalArn '"
                            + principalArn
                            + "': specify the ARN of the root user, an IAM user or an IAM role."
                            + " Federated users follow the root user's settings."));
    if (!arn.account().equals(ctx.account())) {
      throw new InvalidParameterException(
          "The principalArn '"
              + principalArn
              + "' does not belong to account "
              + ctx.account()
              + ".");
    }
    return arn;
  }
}
