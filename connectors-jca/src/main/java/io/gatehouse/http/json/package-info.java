/**
 * Streaming JSON response masking with JSON-P ({@code jakarta.json.stream}): a {@link
 * io.gatehouse.http.json.JsonMaskPlan} of {@link io.gatehouse.http.json.JsonPathExpression}s (a
 * small JSONPath subset) plus Kubernetes Secret awareness, applied by {@link
 * io.gatehouse.http.json.JsonResponseMasker} to a single document or to a stream of documents
 * (Kubernetes watch events), parser to generator, so memory holds one path and one watch event at
 * most, never a whole list.
 */
package io.gatehouse.http.json;
