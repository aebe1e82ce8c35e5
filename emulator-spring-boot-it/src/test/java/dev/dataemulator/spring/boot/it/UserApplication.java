package dev.dataemulator.spring.boot.it;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A user's application: nothing but Spring Boot and the emulator's starter on the class path. */
@SpringBootApplication
public class UserApplication {
}
