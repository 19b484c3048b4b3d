/** People and passwords: adding users, importing a roster, hashing and checking passwords (Argon2id via Password4j). */
package faultline.grader.users;
