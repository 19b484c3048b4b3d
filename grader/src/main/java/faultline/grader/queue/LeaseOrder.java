package faultline.grader.queue;

import faultline.grader.store.JobDao;
import faultline.grader.store.QueuedTurn;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The order in which claims will lease the queued jobs if nothing else arrives, for pages that show a place in the
 * queue. It plays {@link JobDao#FAIR_ORDER} forward: each claim takes the most urgent job of the student leased least
 * recently, oldest first, and that student's turn then comes last.
 */
public final class LeaseOrder {

    private static final Comparator<QueuedTurn> OWN_ORDER = Comparator.comparingInt(QueuedTurn::priority)
            .thenComparing(QueuedTurn::enqueuedAt).thenComparingLong(QueuedTurn::jobId);

    private LeaseOrder() {
    }

    /** {@code queued} in the order claims will lease them. */
    public static List<QueuedTurn> of(List<QueuedTurn> queued) {
        Map<Long, List<QueuedTurn>> byStudent = new TreeMap<>();
        queued.forEach(t -> byStudent.computeIfAbsent(t.userId(), u -> new ArrayList<>()).add(t));
        record Student(Deque<QueuedTurn> jobs, Instant lastLeased) {
            QueuedTurn next() {
                return jobs.peekFirst();
            }
        }
        PriorityQueue<Student> turns = new PriorityQueue<>(Comparator.comparing((Student s) -> s.next().priority())
                .thenComparing(Student::lastLeased).thenComparing(s -> s.next().enqueuedAt())
                .thenComparingLong(s -> s.next().jobId()));
        for (List<QueuedTurn> jobs : byStudent.values()) {
            jobs.sort(OWN_ORDER);
            turns.add(new Student(new ArrayDeque<>(jobs), jobs.get(0).lastLeased()));
        }
        List<QueuedTurn> order = new ArrayList<>(queued.size());
        // Leases to come happen after every lease so far: a counter past any real time keeps their order.
        Instant next = Instant.MAX.minusSeconds(queued.size() + 1L);
        while (!turns.isEmpty()) {
            Student student = turns.poll();
            order.add(student.jobs().pollFirst());
            if (!student.jobs().isEmpty()) {
                turns.add(new Student(student.jobs(), next));
            }
            next = next.plusSeconds(1);
        }
        return order;
    }

    /** How many of {@code queued} claims will lease before {@code jobId}; 0 when it is not among them. */
    public static int jobsAhead(List<QueuedTurn> queued, long jobId) {
        List<QueuedTurn> order = of(queued);
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).jobId() == jobId) {
                return i;
            }
        }
        return 0;
    }
}
