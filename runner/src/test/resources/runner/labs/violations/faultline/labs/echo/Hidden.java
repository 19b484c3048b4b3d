package faultline.labs.echo;

import faultline.testkit.junit.Seeds;

final class Hidden {
    Object seeds() {
        return Seeds.fromSystemProperties(); // expect: HIDDEN
    }
}
