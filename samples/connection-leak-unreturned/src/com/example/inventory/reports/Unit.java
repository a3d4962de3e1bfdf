package com.example.inventory.reports;

/** Units of measure the partner feed understands, with the label it expects. */
enum Unit {
  EA("piece"),
  BOX("box");

  final String label;

  Unit(String label) {
    this.label = label;
  }
}
