/**
 * Generates the student skeleton from the reference labs by cutting their solution regions, and checks
 * that the committed skeleton is exactly what generation gives.
 */
package faultline.skeleton;
