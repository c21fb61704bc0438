

	n01440764tench

	n01443537goldfish

	n01484850great_white_shark