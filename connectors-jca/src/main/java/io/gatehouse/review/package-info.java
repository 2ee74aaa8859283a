/**
 * Work held for review on any data path (a PostgreSQL statement, an SSH command or shell line):
 * waiting for the control plane's reviewers within the review's time, and naming the outcome to the
 * client. Each data path asks for the review and tells its client in its own protocol.
 */
package io.gatehouse.review;
