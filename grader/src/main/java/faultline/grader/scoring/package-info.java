/**
 * Points from results: each test earns its points times the fraction of seeds it passed; a lab grade
 * picks the best or latest graded submission and applies late days and penalties; changes are kept as
 * score history.
 */
package faultline.grader.scoring;
