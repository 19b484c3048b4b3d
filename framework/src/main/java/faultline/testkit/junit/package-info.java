/**
 * JUnit support for graded suites: points, descriptions and categories on tests, and seeded runs
 * whose failures say how to replay them.
 */
package faultline.testkit.junit;
