/**
 * Student submissions on their way in: an archive or folder is checked entry by entry (size, count,
 * paths, links, file kinds, packages) before anything is stored, then its sources are kept in a
 * content-addressed store that never overwrites or deletes.
 */
package faultline.grader.submission;
