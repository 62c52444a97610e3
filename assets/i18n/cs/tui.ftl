# Messages of the terminal interface (views, forms, keys, status bar).
