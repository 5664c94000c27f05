package dev.ofg;

public final class Main {
  public static void main(String[] args) {
    System.out.println("ofg");
  }
}
