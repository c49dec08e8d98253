package main

import (
	"context"
	"fmt"
)

func (c *cli) quickstart(ctx context.Context, args []string) error {
	return fmt.Errorf("quickstart: not yet")
}
