/**
 * Protocol-neutral building blocks of the HTTP and Kubernetes data path, with no servlet API: the
 * {@code /proxy/{connection}/…} path parser (which refuses dot segments and other ambiguous
 * shapes), header hygiene (hop-by-hop and credential headers, request smuggling shapes, size
 * limits), and the matchers behind a policy's {@code when.http} section. Kubernetes request
 * classification lives in {@code .kubernetes}, streaming JSON masking in {@code .json}.
 */
package io.gatehouse.http;
