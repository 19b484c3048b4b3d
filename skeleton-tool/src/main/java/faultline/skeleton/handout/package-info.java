/**
 * Packs one lab's handout: skeleton sources, public tests, the framework jar in a file repository and a
 * pom with which {@code mvn test} runs the public tests outside the course repository.
 */
package faultline.skeleton.handout;
