package io.kecs.ecs.taskdef;

import static io.kecs.ecs.taskdef.TaskDefinitionIT.PREFIX;
import static io.kecs.ecs.taskdef.TaskDefinitionIT.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionFamiliesResponse;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.SortOrder;

class TaskDefinitionListingIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private final EcsClient ecs = kecs.ecs();

  /** Registered in an order that differs from the listing order, to catch insertion order. */
  private final List<String> expected = new ArrayList<>();

  @BeforeEach
  void registerFamilies() {
    for (int i = 0; i < 5; i++) {
      register(ecs, "b");
    }
    for (int i = 0; i < 3; i++) {
      register(ecs, "a-b");
    }
    for (int i = 0; i < 12; i++) {
      register(ecs, "a");
    }
    addExpected("a", 12);
    addExpected("a-b", 3);
    addExpected("b", 5);
  }

  private void addExpected(String family, int revisions) {
    for (int i = 1; i <= revisions; i++) {
      expected.add(PREFIX + family + ":" + i);
    }
  }

  private List<String> allPages(Function<String, ListTaskDefinitionsResponse> call, int pageSize) {
    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      ListTaskDefinitionsResponse page = call.apply(token);
      assertThat(page.taskDefinitionArns()).hasSizeLessThanOrEqualTo(pageSize).isNotEmpty();
      seen.addAll(page.taskDefinitionArns());
      token = page.nextToken();
    } while (token != null);
    return seen;
  }

  @Test
  void pagesListFamiliesThenRevisionsNumericallyWithoutRepeatsOrSkips() {
    assertThat(ecs.listTaskDefinitions(r -> {}).taskDefinitionArns())
        .containsExactlyElementsOf(expected);
    List<String> paged =
        allPages(t -> ecs.listTaskDefinitions(r -> r.maxResults(3).nextToken(t)), 3);
    assertThat(paged).containsExactlyElementsOf(expected);
    assertThat(ecs.listTaskDefinitionsPaginator(r -> r.maxResults(7)).taskDefinitionArns())
        .containsExactlyElementsOf(expected);
  }

  @Test
  void descReversesFamilyAndRevisionOrder() {
    List<String> reversed = new ArrayList<>(expected);
    java.util.Collections.reverse(reversed);
    List<String> paged =
        allPages(
            t -> ecs.listTaskDefinitions(r -> r.sort(SortOrder.DESC).maxResults(4).nextToken(t)),
            4);
    assertThat(paged).containsExactlyElementsOf(reversed);
    assertThat(
            ecs.listTaskDefinitions(r -> r.familyPrefix("a").sort(SortOrder.DESC).maxResults(2))
                .taskDefinitionArns())
        .containsExactly(PREFIX + "a:12", PREFIX + "a:11");
  }

  @Test
  void familyPrefixIsAWholeFamilyAndStatusFilters() {
    List<String> a = expected.subList(0, 12);
    assertThat(
            allPages(
                t -> ecs.listTaskDefinitions(r -> r.familyPrefix("a").maxResults(5).nextToken(t)),
                5))
        .containsExactlyElementsOf(a);
    assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("zzz")).taskDefinitionArns()).isEmpty();
    ecs.deregisterTaskDefinition(r -> r.taskDefinition("a:10"));
    assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("a")).taskDefinitionArns())
        .hasSize(11)
        .doesNotContain(PREFIX + "a:10");
    assertThat(ecs.listTaskDefinitions(r -> r.status("INACTIVE")).taskDefinitionArns())
        .containsExactly(PREFIX + "a:10");
  }

  @Test
  void badPagingParametersAreInvalid() {
    assertThatThrownBy(() -> ecs.listTaskDefinitions(r -> r.maxResults(0)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ecs.listTaskDefinitions(r -> r.maxResults(101)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ecs.listTaskDefinitions(r -> r.nextToken("garbage")))
        .isInstanceOf(InvalidParameterException.class);
    // A token of the whole listing does not resume a single family's listing, nor DESC an ASC one.
    String token = ecs.listTaskDefinitions(r -> r.maxResults(15)).nextToken();
    assertThatThrownBy(() -> ecs.listTaskDefinitions(r -> r.familyPrefix("a").nextToken(token)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ecs.listTaskDefinitions(r -> r.sort(SortOrder.DESC).nextToken(token)))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void familiesByPrefixAndStatus() {
    ecs.deregisterTaskDefinition(r -> r.taskDefinition("a-b:1"));
    ecs.deregisterTaskDefinition(r -> r.taskDefinition("a-b:2"));
    ecs.deregisterTaskDefinition(r -> r.taskDefinition("a-b:3"));
    register(ecs, "c");
    assertThat(ecs.listTaskDefinitionFamilies(r -> {}).families())
        .containsExactly("a", "a-b", "b", "c");
    assertThat(ecs.listTaskDefinitionFamilies(r -> r.status("ACTIVE")).families())
        .containsExactly("a", "b", "c");
    assertThat(ecs.listTaskDefinitionFamilies(r -> r.status("INACTIVE")).families())
        .containsExactly("a-b");
    assertThat(ecs.listTaskDefinitionFamilies(r -> r.familyPrefix("a")).families())
        .containsExactly("a", "a-b");
    List<String> paged = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      ListTaskDefinitionFamiliesResponse page =
          ecs.listTaskDefinitionFamilies(r -> r.maxResults(1).nextToken(t));
      paged.addAll(page.families());
      token = page.nextToken();
    } while (token != null);
    assertThat(paged).containsExactly("a", "a-b", "b", "c");
    assertThatThrownBy(() -> ecs.listTaskDefinitionFamilies(r -> r.maxResults(101)))
        .isInstanceOf(InvalidParameterException.class);
  }
}
