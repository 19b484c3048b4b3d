/** Results in other tools' formats: a CSV gradebook, Gradescope's results.json, and JUnit XML. */
package faultline.grader.export;
