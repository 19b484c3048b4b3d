package faultline.grader.course;

/**
 * Late work: each student has {@code lateDaysBudget} free late days across all labs, spent in lab order;
 * each late day beyond them costs {@code penaltyPercentPerDay} percent of the lab's points (never below zero).
 */
public record LatePolicy(int lateDaysBudget, double penaltyPercentPerDay) {
}
