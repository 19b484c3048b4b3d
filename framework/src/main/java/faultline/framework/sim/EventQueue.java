package faultline.framework.sim;

import java.util.Arrays;

/**
 * The simulator's pending events, earliest first; events at the same time come out in the order
 * they were scheduled, which is what makes a run a pure function of its seed. A plain binary heap
 * on (time, sequence): the simulator's hottest structure, so no comparator objects and no boxing.
 */
final class EventQueue {

    private SimEvent[] heap = new SimEvent[1024];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    SimEvent peek() {
        return heap[0];
    }

    void add(SimEvent event) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            SimEvent p = heap[parent];
            if (!before(event, p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = event;
    }

    SimEvent poll() {
        SimEvent first = heap[0];
        SimEvent last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                SimEvent c = heap[child];
                int right = child + 1;
                if (right < size && before(heap[right], c)) {
                    child = right;
                    c = heap[child];
                }
                if (!before(c, last)) {
                    break;
                }
                heap[i] = c;
                i = child;
            }
            heap[i] = last;
        }
        return first;
    }

    /** Every pending event, earliest first, without taking any out. */
    java.util.List<SimEvent> inOrder() {
        SimEvent[] copy = Arrays.copyOf(heap, size);
        Arrays.sort(copy, (a, b) -> before(a, b) ? -1 : before(b, a) ? 1 : 0);
        return java.util.List.of(copy);
    }

    private static boolean before(SimEvent a, SimEvent b) {
        return a.time < b.time || (a.time == b.time && a.sequence < b.sequence);
    }
}
