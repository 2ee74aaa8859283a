package io.gatehouse.http.json;

import java.util.ArrayList;
import java.util.List;

/**
 * What to mask in a JSON response, and how.
 *
 * @param paths values selected by any of these are masked
 * @param secretAware also mask {@code data} and {@code stringData} of any object in which a {@code
 *     "kind": "Secret"} member came before them (the API server writes {@code kind} first),
 *     wherever it sits: a generic {@code List}, a watch event, a Table row
 * @param masker how a selected value is rewritten
 * @param contentMasker applied to every string and number value that is not selected (the policy's
 *     detectors: a card number inside any value); returns its input unchanged when nothing is
 *     found. A number it changes is written as a string. Null: none.
 */
public record JsonMaskPlan(
    List<JsonPathExpression> paths,
    boolean secretAware,
    ValueMasker masker,
    ValueMasker contentMasker) {

  /** Masks nothing. */
  public static final JsonMaskPlan NONE = new JsonMaskPlan(List.of(), false, ValueMasker.REDACT);

  public JsonMaskPlan(List<JsonPathExpression> paths, boolean secretAware, ValueMasker masker) {
    this(paths, secretAware, masker, null);
  }

  /**
   * Where a response to a request for the {@code secrets} resource holds secret values: a single
   * Secret, a SecretList's items, a watch event's object, a Table row's object, and the {@code
   * last-applied-configuration} annotation kubectl apply leaves (a copy of the data).
   */
  public static final List<String> SECRET_PATHS =
      secretPaths("$", "$.items[*]", "$.object", "$.rows[*].object");

  private static List<String> secretPaths(String... objects) {
    List<String> paths = new ArrayList<>();
    for (String o : objects) {
      paths.add(o + ".data");
      paths.add(o + ".stringData");
      paths.add(o + ".metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']");
    }
    return List.copyOf(paths);
  }

  public static JsonMaskPlan of(List<String> paths, boolean secretAware, ValueMasker masker) {
    return new JsonMaskPlan(
        paths.stream().map(JsonPathExpression::parse).toList(), secretAware, masker);
  }

  /**
   * The plan for a Kubernetes response: Secret-aware always, plus {@link #SECRET_PATHS} when the
   * request was for the {@code secrets} resource, plus the policy's own paths.
   */
  public static JsonMaskPlan kubernetes(
      boolean secretsRequest, List<String> extraPaths, ValueMasker masker) {
    List<String> paths = new ArrayList<>(extraPaths);
    if (secretsRequest) {
      paths.addAll(SECRET_PATHS);
    }
    return of(paths, true, masker);
  }

  /** This plan, also scanning every value that is not selected with {@code contentMasker}. */
  public JsonMaskPlan withContentMasker(ValueMasker contentMasker) {
    return new JsonMaskPlan(paths, secretAware, masker, contentMasker);
  }

  public boolean isEmpty() {
    return paths.isEmpty() && !secretAware && contentMasker == null;
  }

  boolean selects(List<Object> path) {
    for (JsonPathExpression p : paths) {
      if (p.matches(path)) {
        return true;
      }
    }
    return false;
  }
}
