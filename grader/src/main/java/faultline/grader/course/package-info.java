/**
 * The course file: labs and their dates and points, the late policy and extensions, submission limits,
 * seeds per test, test visibility and sandbox limits, read from YAML and checked field by field.
 */
package faultline.grader.course;
