"""Qt widgets. Panes emit signals; the main window wires them."""
