package faultline.web.grades;

import java.util.List;

/**
 * A grade that changed without the student submitting, as a page tells it: the lab, from what to what, when, the
 * recorded reason and each change behind it (changes about tests the viewer may not see yet are counted, not named).
 */
public record ScoreChangeView(String lab, String labTitle, String before, String after, String labPoints,
                              String delta, String at, String reason, long submissionId, List<String> changes) {

    public ScoreChangeView {
        changes = List.copyOf(changes);
    }
}
