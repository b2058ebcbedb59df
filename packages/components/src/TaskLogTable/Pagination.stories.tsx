import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, fn } from 'storybook/test'
import { Pagination, type PaginationProps } from './Pagination'

/** The query holds page and page size in the log; here a wrapper does, so the status line follows. */
function StatefulPagination({ page: initialPage, pageSize: initialSize, total, onPageChange, onPageSizeChange, ...props }: PaginationProps) {
  const [page, setPage] = useState(initialPage)
  const [pageSize, setPageSize] = useState(initialSize)
  return (
    <div className="tk-log">
      <Pagination
        {...props}
        page={page}
        pageSize={pageSize}
        total={total}
        pageCount={Math.ceil(total / pageSize)}
        onPageChange={(next) => {
          onPageChange(next)
          setPage(next)
        }}
        onPageSizeChange={(next) => {
          onPageSizeChange(next)
          setPageSize(next)
          setPage(1)
        }}
      />
    </div>
  )
}

const meta = {
  title: 'Components/TaskLogTable/Parts/Pagination',
  component: Pagination,
  parameters: { layout: 'padded' },
  args: {
    page: 1,
    pageCount: 5,
    pageSize: 20,
    total: 97,
    pageSizes: [10, 20, 50, 100],
    locale: 'en-US',
    onPageChange: fn(),
    onPageSizeChange: fn(),
  },
  render: (args) => <StatefulPagination {...args} />,
} satisfies Meta<typeof Pagination>

export default meta
type Story = StoryObj<typeof meta>

export const Paging: Story = {
  name: 'First, next and last page',
  play: async ({ args, canvas, userEvent, step }) => {
    const first = canvas.getByRole('button', { name: 'First page' })
    const previous = canvas.getByRole('button', { name: 'Previous page' })
    const next = canvas.getByRole('button', { name: 'Next page' })
    const last = canvas.getByRole('button', { name: 'Last page' })

    await step('page 1: backwards is disabled but still focusable', async () => {
      await expect(canvas.getByText('Page 1 of 5 · 97 tasks')).toBeVisible()
      await expect(first).toHaveAttribute('aria-disabled', 'true')
      await expect(previous).toHaveAttribute('aria-disabled', 'true')
      await expect(next).not.toHaveAttribute('aria-disabled')
      await userEvent.click(previous)
      await expect(args.onPageChange).not.toHaveBeenCalled()
    })

    await step('next goes to page 2', async () => {
      await userEvent.click(next)
      await expect(args.onPageChange).toHaveBeenLastCalledWith(2)
      await expect(canvas.getByText('Page 2 of 5 · 97 tasks')).toBeVisible()
      await expect(first).not.toHaveAttribute('aria-disabled')
    })

    await step('last page: forwards is disabled, focus stays on the button', async () => {
      await userEvent.click(last)
      await expect(args.onPageChange).toHaveBeenLastCalledWith(5)
      await expect(canvas.getByText('Page 5 of 5 · 97 tasks')).toBeVisible()
      await expect(next).toHaveAttribute('aria-disabled', 'true')
      await expect(last).toHaveAttribute('aria-disabled', 'true')
      await expect(last).toHaveFocus()
    })

    await step('a bigger page size shows fewer pages', async () => {
      await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Rows per page' }), '50')
      await expect(args.onPageSizeChange).toHaveBeenLastCalledWith(50)
      await expect(canvas.getByText('Page 1 of 2 · 97 tasks')).toBeVisible()
    })
  },
}

export const SinglePage: Story = {
  name: 'One task, one page',
  args: { total: 1, pageCount: 1 },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Page 1 of 1 · 1 task')).toBeVisible()
    for (const name of ['First page', 'Previous page', 'Next page', 'Last page']) {
      await expect(canvas.getByRole('button', { name })).toHaveAttribute('aria-disabled', 'true')
    }
  },
}
