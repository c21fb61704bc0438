print('converts a checkpoint')
