"""Reading author files into typed models, with the place each value came from."""
