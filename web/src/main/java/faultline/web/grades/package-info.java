/**
 * What a viewer may see and do with submissions, results, scores and the queue. Access rules (a student sees
 * only their own work; test visibility; staff-only views) are enforced here, not in templates.
 */
package faultline.web.grades;
