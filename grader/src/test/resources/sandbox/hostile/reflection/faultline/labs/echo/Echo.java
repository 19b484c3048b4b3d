package faultline.labs.echo;

public final class Echo {
    public String echo(String word) {
        try {
            Object t = Class.forName("faultline.suites.echo.EchoTest").getDeclaredConstructor().newInstance(); // expect: REFLECTION
        } catch (Exception e) {
            return word;
        }
        return word;
    }

    public int settle(int rounds) {
        int sum = 0;
        for (int i = 0; i < rounds; i++) {
            sum += i;
        }
        return sum;
    }

    public void talk(int lines) {
        for (int i = 0; i < lines; i++) {
            System.out.println("line " + i);
        }
    }
}
