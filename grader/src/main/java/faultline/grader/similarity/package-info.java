/**
 * Code similarity across submissions: every student's counted submission of a lab (and any earlier solutions) is
 * compared with JPlag, the lab's skeleton as base code and the course's provided files left out, and the ranked
 * pairs with their matched regions are kept by the grader for staff. Students never see any of it.
 */
package faultline.grader.similarity;
