# Messages of the command line (tables, notes, errors).
