def generate():
    save(make_module(), 'package_bc/nn_module.safetensors')
