"""Input and output shapes of the HTTP layer (msgspec Structs), one module per context.

The API decodes its JSON bodies into the input Structs and the pages decode their forms into
the same ones (``logistics.http.forms``), so a use case's input is validated once, one way.
"""
